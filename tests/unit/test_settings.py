import pytest

from cxdash import settings, store
from cxdash.cli import main


def test_a_new_database_uses_the_deployment_default(con, monkeypatch):
    monkeypatch.delenv(settings.ENV_CURRENCY, raising=False)
    assert settings.currency(con) == "UZS"
    monkeypatch.setenv(settings.ENV_CURRENCY, "eur")
    assert settings.currency(con) == "EUR"
    assert settings.currency() == "EUR"


def test_an_unknown_environment_currency_is_ignored(monkeypatch):
    monkeypatch.setenv(settings.ENV_CURRENCY, "GBP")
    assert settings.currency() == "UZS"


def test_the_database_choice_wins_and_bumps_the_data_version(con, monkeypatch):
    monkeypatch.setenv(settings.ENV_CURRENCY, "EUR")
    before = store.data_version(con)
    assert settings.set_currency(con, " usd ") == "USD"
    assert settings.currency(con) == "USD"
    assert settings.stored_currency(con) == "USD"
    assert store.data_version(con) == before + 1
    settings.set_currency(con, "RUB")
    assert settings.currency(con) == "RUB"


@pytest.mark.parametrize("bad", ["GBP", "", "UZS'; DROP TABLE meta; --", "so'm"])
def test_only_the_four_currencies_are_accepted_and_nothing_changes(con, bad):
    settings.set_currency(con, "EUR")
    version = store.data_version(con)
    with pytest.raises(ValueError, match="UZS, RUB, USD, EUR"):
        settings.set_currency(con, bad)
    assert settings.currency(con) == "EUR"
    assert store.data_version(con) == version


def test_a_hand_edited_unknown_value_falls_back(con, monkeypatch):
    monkeypatch.delenv(settings.ENV_CURRENCY, raising=False)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('currency', 'XYZ')")
    assert settings.stored_currency(con) is None
    assert settings.currency(con) == "UZS"


def test_the_cli_shows_and_changes_the_currency(db_path, capsys, monkeypatch):
    monkeypatch.delenv(settings.ENV_CURRENCY, raising=False)
    store.connect(db_path).close()

    assert main(["settings", "currency", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "UZS"

    assert main(["settings", "currency", "rub", "--db", str(db_path)]) == 0
    assert "RUB" in capsys.readouterr().err

    assert main(["settings", "currency", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "RUB"


def test_the_cli_refuses_an_unknown_currency(db_path, capsys):
    store.connect(db_path).close()
    with pytest.raises(SystemExit) as exit_:
        main(["settings", "currency", "GBP", "--db", str(db_path)])
    assert exit_.value.code == 2
    assert "GBP" in capsys.readouterr().err
    with store.connect(db_path, read_only=True) as con:
        assert settings.stored_currency(con) is None
