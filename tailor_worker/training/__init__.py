"""Training of the engine's shipped models from ../shared/data (`make train-parser`,
`make train-keywords`) and the parser's cross-validation (`make eval`). Not part of the
engine: it reads files, runs processes and times itself; the engine only loads the models."""
