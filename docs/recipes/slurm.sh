#!/bin/bash
# A seed sweep as a Slurm job array: array task i runs the command with SEED=i, and its manifest and log land in
# the folder layout `dotnet seedsweep report` reads (sweep/seed-i.manifest.json, sweep/seed-i.log).
#
#   mkdir -p sweep                                        # Slurm opens the log there before the job starts
#   sbatch --array=0-9 docs/recipes/slurm.sh dotnet bin/Release/net8.0/Trainer.dll --epochs 20
#   sbatch --array=0-99:10%8 docs/recipes/slurm.sh ...    # every tenth seed of 0..99, 8 tasks at a time
#   dotnet seedsweep report sweep --seeds 0..9            # once the array is done
#
# Another folder: sbatch --output=runs/seed-%a.log --export=ALL,SWEEP_DIR=runs ... (the two must agree).
# Keep the command, the libraries and the CPU count identical across tasks: report flags runs that differ.
#SBATCH --job-name=seedsweep
#SBATCH --output=sweep/seed-%a.log
#SBATCH --time=02:00:00
#SBATCH --cpus-per-task=4
set -euo pipefail

: "${SLURM_ARRAY_TASK_ID:?submit this script as a job array: sbatch --array=0-9 slurm.sh COMMAND [ARGS...]}"
if [ "$#" -eq 0 ]; then
  echo "usage: sbatch --array=0-9 slurm.sh COMMAND [ARGS...]" >&2
  exit 2
fi

# The runtime reads nothing but SEED; SEED_MANIFEST says where it writes the manifest with the results.
export SEED="$SLURM_ARRAY_TASK_ID"
export SEED_MANIFEST="${SWEEP_DIR:-sweep}/seed-$SEED.manifest.json"
mkdir -p "$(dirname "$SEED_MANIFEST")"
exec "$@"
