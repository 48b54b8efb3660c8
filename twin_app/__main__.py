from twin_app.cli.main import entry

entry()
