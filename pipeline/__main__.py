"""`python -m pipeline`: the command line (pipeline.cli), exiting with its status."""
import sys

from .cli import main

sys.exit(main())
