from carekit.cli import main

raise SystemExit(main())
