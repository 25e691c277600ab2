"""Sphere: foreign-influence knowledge graphs from ru/uk/en news."""
import os
import sys

# One BLAS/OpenMP thread per process, wherever extraction runs: natasha's small convolutions run 5x slower on
# two contending threads. This is the one place it is set. Importing sphere comes first in every process that
# extracts (the CLI, a pool worker forked from it, a Dask worker unpickling its first task), so the variables
# are read when numpy loads OpenBLAS; where numpy was loaded before sphere (a host program, a Dask worker),
# the running thread pools are limited instead. A user's own setting wins.
_BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_blas_thread() -> None:
    if any(variable in os.environ for variable in _BLAS_VARIABLES):
        return
    for variable in _BLAS_VARIABLES:
        os.environ[variable] = "1"
    if "numpy" in sys.modules:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=1)


_one_blas_thread()

__version__ = "0.1.0"
