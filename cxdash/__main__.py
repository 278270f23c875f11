import sys

from cxdash.cli import main

sys.exit(main())
