from resumeai_admin.cli import main

raise SystemExit(main())
