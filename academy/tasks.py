"""Tasks that belong to no app."""

from celery import shared_task


@shared_task(ignore_result=False)
def ping(value):
    """Echo a value: lets a health check and the test suite see a worker answer."""
    return value
