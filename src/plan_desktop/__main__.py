from .cli.process_exit import run

run()
