"""The Hà Nam demo: the steering committee of the seed report, its members, people,
users, the 2016–2020 program and the 2025 reorganization into Ninh Bình.

`data.py` says what exists; `load.py` makes the database agree with it.
"""
