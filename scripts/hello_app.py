"""The yardstick for make bench: a Flask hello-world under the same gunicorn config."""

from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.route("/")
    def hello():
        return "Hello, world!"

    return app
