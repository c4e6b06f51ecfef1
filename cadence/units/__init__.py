"""The units directory: units and groups (``model``), names as plans write them (``names``),
resolving a plan's unit names (``resolve``), reading units.toml (``toml_file``), seeding a
province's communes (``seed``). Import the module you need: nothing is loaded here."""
