"""The store: SQLAlchemy models, the session, migrations, and the operations on them.

    store = open_store(config.database.url)
    with store.transaction() as session:
        import_plan(session, plan, key="quang-ngai-2025", config=config, now=now)
"""
from cadence.store.items import Completion, ItemFilter, ItemView, find_items, item_view, record_completion
from cadence.store.models import CompletionSource, DueItem
from cadence.store.plans import ImportResult, import_plan
from cadence.store.session import RACES, DatabaseError, Store, Transaction, lost_race, open_store

__all__ = [
    "Completion", "CompletionSource", "DueItem", "ImportResult", "ItemFilter", "ItemView", "Store",
    "DatabaseError", "RACES", "Transaction", "find_items", "lost_race", "import_plan", "item_view", "open_store", "record_completion",
]
