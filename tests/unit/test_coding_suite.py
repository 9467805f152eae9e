"""The coding suite as CI runs it: every reference solution passes all its tests, every starter fails at least
one, and the whole suite (solutions) runs in under a minute. One pytest subprocess per implementation, with a
JUnit XML report read back per problem (scripts/practice.py: run_suite)."""

from __future__ import annotations

import pytest

from scripts.practice import problem_ids, run_suite

IDS = problem_ids()
TIME_LIMIT_S = 60.0


@pytest.fixture(scope="module")
def solution_run():
    return run_suite("solution", IDS)


@pytest.fixture(scope="module")
def starter_run():
    return run_suite("starter", IDS)


def test_there_are_coding_problems():
    assert len(IDS) >= 15


@pytest.mark.parametrize("problem", IDS)
def test_reference_solution_passes_every_test(solution_run, problem):
    outcome = solution_run[0][problem]
    assert outcome.total > 0, f"{problem}: no test ran\n{solution_run[2][-3000:]}"
    assert outcome.failures == [], f"{problem}: the reference solution fails"


@pytest.mark.parametrize("problem", IDS)
def test_starter_fails_at_least_one_test(starter_run, problem):
    outcome = starter_run[0][problem]
    assert outcome.total > 0, f"{problem}: no test ran against the starter\n{starter_run[2][-3000:]}"
    assert outcome.failures, f"{problem}: the starter passes every test, so the tests cannot tell it from a solution"


def test_whole_suite_runs_in_under_a_minute(solution_run):
    assert solution_run[1] < TIME_LIMIT_S, f"the coding suite took {solution_run[1]:.1f} s"
