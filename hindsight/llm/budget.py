"""How many calls a run may make, and what it spent: the figures of the run's summary."""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Budget", "Usage"]


@dataclass
class Usage:
    """Counters of one run's use of the model (cache hits cost nothing)."""

    calls: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0
    # Pairs (or seeds) not asked because the budget was spent: asked on a later run.
    waiting: int = 0
    # Calls that failed after every retry: the rule answer stands for now, asked again later.
    fallbacks: int = 0
    # Answers that could not be checked (a decisive sentence not in the news, a quote not in
    # the article): the rule answer stands; asking again would give the same answer.
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def describe(self) -> str:
        """One line for a run's summary or an evaluation's figures."""
        line = (
            f"model calls {self.calls}, cache hits {self.cache_hits}, tokens "
            f"{self.prompt_tokens} in + {self.completion_tokens} out"
        )
        extra = [
            f"{n} {what}"
            for n, what in (
                (self.waiting, "waiting for the next run (budget spent)"),
                (self.fallbacks, "fell back to the rules after errors"),
                (self.rejected, "answers rejected"),
                (self.retries, "retries"),
            )
            if n
        ]
        return line + ("; " + ", ".join(extra) if extra else "")


@dataclass
class Budget:
    """At most `max_calls` calls (None: no limit); the calls a run may still make."""

    max_calls: int | None = None
    used: int = 0

    def take(self) -> bool:
        """Spend one call if any is left."""
        if self.max_calls is not None and self.used >= self.max_calls:
            return False
        self.used += 1
        return True
