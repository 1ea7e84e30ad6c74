import os

from academy.tasks import ping


def test_a_task_runs_and_answers():
    # In the second CI pass this goes through Redis to the real worker started by .ci/run.
    result = ping.delay("hello")

    assert result.get(timeout=30) == "hello"


def test_the_worker_mode_matches_the_environment(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is (not os.environ.get("REDIS_URL"))
