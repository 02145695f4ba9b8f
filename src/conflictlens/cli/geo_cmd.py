"""Placeholder: this command group is being built (see the open issues); it registers no command yet."""


def register(subparsers) -> None:
    return None
