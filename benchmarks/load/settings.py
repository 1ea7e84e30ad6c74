"""The site's own settings, serving two more views for the load benchmark's ceiling phase (see urls.py).

Only the benchmark's gunicorn runs with these; migrations, seeding and the Celery worker use academy.settings.
"""

from academy.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.load.urls"
