#!/bin/bash
# An ensemble of 1000 samples as 50 Slurm array tasks (one shard each), then one merge that depends on all of them:
#   sbatch docs/cluster/slurm-ensemble.sh            (from a checkout with `npm ci` done, on a shared file system)
# Task I runs samples k with k mod 50 = I; a sample's seed depends on k and --seed only, so any K gives the same samples.
#SBATCH --job-name=glasslab-ensemble
#SBATCH --array=0-49
#SBATCH --cpus-per-task=1
#SBATCH --time=04:00:00
#SBATCH --output=parts/%x-%a.log
set -euo pipefail
SHARDS=50
mkdir -p parts
npx glasslab ensemble --model soft2d --n 4096 --temperature 0.3 --samples 1000 --sweeps 100 --t-max 1000 --seed 7 \
  --quiet --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --out "parts/part-${SLURM_ARRAY_TASK_ID}.json"

# The merge, submitted once after the array (the first task submits it; afterok waits for every task of the array):
if [ "${SLURM_ARRAY_TASK_ID}" = 0 ]; then
  sbatch --dependency=afterok:"${SLURM_ARRAY_JOB_ID}" --job-name=glasslab-merge --output=parts/merge.log \
    --wrap "npx glasslab merge parts/part-*.json --out results.json --json > results.stdout.json"
fi
