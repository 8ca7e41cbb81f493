"""Prefect flows: thin wrappers that run the stages in `hindsight.pipeline` and record runs.

Importing this package applies Hindsight's Prefect defaults first (see `hindsight.prefect_env`).
"""

from hindsight.prefect_env import configure_prefect
from hindsight.settings import load_settings

configure_prefect(load_settings().home)
