"""An optional language-model backend for judging and extraction (`pip install 'hindsight[llm]'`).

Any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, a llama.cpp server, or one
started in-process from a GGUF file) answers in JSON constrained by a schema, at temperature 0.
The rule engine stays the default and the cheap first stage: it proposes the candidate pairs, and
its answer stands whenever the model cannot be asked (budget spent, endpoint failing) or its
answer cannot be checked. Every call is cached by the hash of what was sent, counted and budgeted.

Modules: `prompts` (messages and JSON schemas, versioned), `client` (the HTTP call with retries),
`cache` (the answer cache interface and an in-memory one; the database one is in `storage`),
`budget` (calls allowed per run and what was spent), `asking` (cache, budget and client together),
`judge` (`LLMJudge`), `extract` (the model's forecasts united with the rule extractor's),
`server` (the embedded llama.cpp server for a local GGUF), `setup` (building all of it from
settings). Only `client` and `server` import the optional packages, lazily.
"""
