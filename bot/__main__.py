import sys

from bot.cli import command

sys.exit(command())
