"""regionbot: a Slack assistant for a Norwegian regional council."""

__version__ = "0.1.0"
