"""Settings that are derived rather than read."""

from bot.config import Settings


def test_answer_workers_follow_the_kind_of_work():
    offline = Settings(_env_file=None, LLM_MODEL="")
    assert offline.answer_workers == 2  # CPU work under one interpreter lock: acks come first
    assert Settings(_env_file=None, LLM_MODEL="openai:gpt-4o-mini").answer_workers == 8
    assert Settings(_env_file=None, LLM_MODEL="", SLACK_WORKERS=5).answer_workers == 5
