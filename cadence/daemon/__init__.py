"""The daemon: reminders, escalation up the coordinating chain, the weekly digest, the outbox.

The database is the queue and the truth; APScheduler (``cadence.daemon.loop``) only wakes the
process. A pass (``cadence.daemon.passes.run_pass``) is a sequence of steps, each of which does
one unit of work in its own transaction and says whether it found any:

    handle_one_item_batch   due moments whose next_action_at has come: reminders, misses,
                            escalations of their open items (cadence.daemon.items)
    handle_digest           the weekly digest, once per week (cadence.daemon.digest)
    handle_one_composition  notices → one message per person, channel and day
                            (cadence.daemon.compose)
    handle_one_send_batch   claimed outbox rows → channels, each outcome recorded at once
                            (cadence.daemon.send)

Time is an argument everywhere: ``cadence tick --now …`` and the tests replay a year.
"""
