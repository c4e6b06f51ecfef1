"""``python -m cadence``: the same command as ``cadence``, for a machine where the script's
folder is not on the PATH (a venv not activated, a wheel installed with --user)."""
from cadence.cli import main

if __name__ == "__main__":
    main()
