"""Entry point for any WSGI server, e.g. `gunicorn wsgi:application`."""

from portal import create_app

application = create_app()
