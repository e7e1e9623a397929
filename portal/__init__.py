"""The Flask application: public pages, open data and (later) intake and staff areas."""

from typing import Any

from flask import Flask

from portal import (
    caching,
    config,
    db,
    errors,
    forms,
    indexing,
    ratelimit,
    request_log,
    security,
    serving,
    templating,
)
from portal.config import PROJECT_ROOT


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    folder = config.instance_path()
    app = Flask(
        __name__,
        instance_path=str(folder),
        static_folder=str(PROJECT_ROOT / "static"),
        static_url_path="/static",
    )
    folder.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(folder))
    if test_config:
        app.config.update(test_config)

    request_log.init_app(app)
    serving.init_app(app)
    db.init_app(app)
    indexing.init_app(app)
    templating.init_app(app)
    forms.init_app(app)
    security.init_app(app)
    ratelimit.init_app(app)
    errors.init_app(app)
    caching.init_app(app)

    from portal import cli, intake, public, staff

    public.init_app(app)
    intake.init_app(app)
    staff.init_app(app)
    cli.init_app(app)
    return app
