"""CPU budgets: nothing outside one; past one, BudgetExceeded at the next check; phases in
different threads add up."""

from __future__ import annotations

import asyncio
import time

import pytest

from kit.budget import BudgetExceeded, CpuBudget, spend


def _burn(seconds: float) -> None:
    """Uses `seconds` of this thread's CPU time, checking the budget as it goes."""
    ends = time.thread_time() + seconds
    while time.thread_time() < ends:
        spend()


def test_outside_a_budget_spend_does_nothing() -> None:
    _burn(0.02)


def test_past_its_budget_a_job_is_stopped_with_a_message_that_says_so() -> None:
    budget = CpuBudget(0.05, "tailoring this resume")
    with pytest.raises(BudgetExceeded) as stopped:
        budget.run(_burn, 5.0)
    assert "tailoring this resume needs more than its budget of 0.05 s" in str(stopped.value)
    assert budget.spent < 1.0  # stopped near the budget, not after the whole job


def test_within_its_budget_a_job_runs_to_the_end() -> None:
    budget = CpuBudget(5.0)
    budget.run(_burn, 0.02)
    assert 0.015 < budget.spent < 1.0


async def test_phases_in_other_threads_share_one_budget() -> None:
    budget = CpuBudget(0.1)
    await asyncio.to_thread(budget.run, _burn, 0.06)
    with pytest.raises(BudgetExceeded):
        await asyncio.to_thread(budget.run, _burn, 0.06)


def test_sleeping_is_not_spending() -> None:
    budget = CpuBudget(0.05)

    def wait_then_check() -> None:
        time.sleep(0.2)
        spend()

    budget.run(wait_then_check)
