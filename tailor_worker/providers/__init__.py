"""Where bullet proposals come from: the offline rewriter and OpenAI-compatible models, behind
one interface (`base.Provider`). Unlike the engine, providers do I/O: network, retries,
logging, prompt files. Whatever they return goes through the engine's guard."""
