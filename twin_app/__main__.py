import sys

from twin_app.cli.main import main

sys.exit(main())
