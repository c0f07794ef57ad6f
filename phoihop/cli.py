"""`phoihop` console script: `phoihop localities load` runs `manage.py localities_load`.

Sub-commands are the manage.py commands with the first two words joined by "_";
anything else is passed to manage.py unchanged.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
    # Django reads the settings module when first imported: set it above, then import.
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    args = sys.argv[1:]
    if len(args) >= 2 and f"{args[0]}_{args[1]}" in get_commands():
        args = [f"{args[0]}_{args[1]}", *args[2:]]
    execute_from_command_line(["phoihop", *args])
