"""Sphere: foreign-influence knowledge graphs from ru/uk/en news."""
import os

# One BLAS/OpenMP thread per process, wherever extraction runs (serial, pool or Dask workers inherit it):
# natasha's small convolutions run 5x slower on two contending threads. Set before numpy is first imported;
# a user's own setting wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
