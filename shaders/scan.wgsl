// Exclusive prefix sum of u32 counts by reduce-then-scan (docs/ARCHITECTURE.md hazard 5: no decoupled look-back, no inter-workgroup waiting).
// Pass 1 reduceBlocks: one sum per block of 256. Pass 2 scanBlockSums: one workgroup scans the block sums, 256 at a time.
// Pass 3 scanBlocks: each block scans itself and adds its block's offset.

struct ScanParams {
  count: u32,      // number of values
  blockCount: u32, // ⌈count / BLOCK⌉
}

@group(0) @binding(0) var<uniform> scan: ScanParams;
@group(0) @binding(1) var<storage, read> values: array<u32>;
@group(0) @binding(2) var<storage, read_write> prefix: array<u32>;
@group(0) @binding(3) var<storage, read_write> blockSums: array<u32>;

const BLOCK: u32 = 256u;
var<workgroup> partial: array<u32, BLOCK>;

// Inclusive Hillis–Steele scan of one value per thread; leaves the block total in partial[BLOCK − 1]. Call in uniform control flow.
fn workgroupInclusiveScan(local: u32, value: u32) -> u32 {
  partial[local] = value;
  workgroupBarrier();
  for (var offset = 1u; offset < BLOCK; offset = offset * 2u) {
    var left = 0u;
    if (local >= offset) { left = partial[local - offset]; }
    workgroupBarrier();
    partial[local] = partial[local] + left;
    workgroupBarrier();
  }
  return partial[local];
}

fn valueAt(index: u32) -> u32 {
  if (index < scan.count) { return values[index]; }
  return 0u;
}

@compute @workgroup_size(256)
fn reduceBlocks(@builtin(workgroup_id) block: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let inclusive = workgroupInclusiveScan(local, valueAt(block.x * BLOCK + local));
  if (local == BLOCK - 1u) { blockSums[block.x] = inclusive; }
}

@compute @workgroup_size(256)
fn scanBlockSums(@builtin(local_invocation_index) local: u32) {
  var carry = 0u;
  let chunks = (scan.blockCount + BLOCK - 1u) / BLOCK;
  for (var chunk = 0u; chunk < chunks; chunk = chunk + 1u) {
    let index = chunk * BLOCK + local;
    var value = 0u;
    if (index < scan.blockCount) { value = blockSums[index]; }
    let inclusive = workgroupInclusiveScan(local, value);
    if (index < scan.blockCount) { blockSums[index] = carry + inclusive - value; }
    carry = carry + partial[BLOCK - 1u];
    workgroupBarrier(); // everyone has read the total before the next chunk overwrites it
  }
}

@compute @workgroup_size(256)
fn scanBlocks(@builtin(workgroup_id) block: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let index = block.x * BLOCK + local;
  let value = valueAt(index);
  let inclusive = workgroupInclusiveScan(local, value);
  if (index < scan.count) { prefix[index] = blockSums[block.x] + inclusive - value; }
}
