"""Stages as plain functions: each composes pure logic with `storage`, no Prefect.

`flows/` wraps these as Prefect tasks and flows; the CLI calls them directly where a command needs
no orchestration (`seed add`, `eval`), so those commands start fast.
"""
