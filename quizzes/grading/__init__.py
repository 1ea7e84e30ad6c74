"""The rewrite grader: plain Python, no Django.

    from quizzes.grading import grade, Rubric, Context
    rubric = Rubric.from_dict("service-recovery", yaml.safe_load(f)["service-recovery"])
    result = grade(text, rubric, Context(customer=..., key_facts=[...]))
    result.score, result.passed, result.findings, result.to_dict()
"""
from .engine import Context, Criterion, Finding, Result, Rubric, RubricError, grade
from .checks import CHECKS

__all__ = ["grade", "Rubric", "Criterion", "Context", "Finding", "Result", "RubricError", "CHECKS"]
