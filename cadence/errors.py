"""The one error type a user sees from Cadence: a message they can act on."""


class CadenceError(Exception):
    """Bad input or a refused action. The CLI prints it on one line and exits with 2."""
