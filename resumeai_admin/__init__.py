"""resumeai-admin: the operator's command line (keys, runs and exports, dead letters, queues,
database upkeep). See `resumeai-admin --help`."""
