from mof_lint.cli import main

raise SystemExit(main())
