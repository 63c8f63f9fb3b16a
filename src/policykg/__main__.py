"""``python -m policykg …``: the same command line as ``policykg …`` (see :mod:`policykg.cli`)."""

from .cli import main_exit

if __name__ == "__main__":
    main_exit()
