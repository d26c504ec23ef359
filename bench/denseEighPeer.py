"""Times numpy.linalg.eigh (LAPACK syevd) on a Matrix Market Hessian made dense: all eigenpairs.
Usage: python3 denseEighPeer.py FILE -> one JSON line."""
import json
import sys
import time

import numpy as np
import scipy.io

H = scipy.io.mmread(sys.argv[1]).toarray()
t0, c0 = time.perf_counter(), time.process_time()
vals, _ = np.linalg.eigh(H)
print(json.dumps({"rows": H.shape[0], "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "values": [float(v) for v in vals]}))
