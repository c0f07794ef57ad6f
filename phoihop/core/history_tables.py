"""History of a model that moved between apps keeps its tables.

django-simple-history names a historical model's table after the model's app
(`<app>_historical<model>`, and `<app>_historical<model>_<m2m field>` for a tracked
many-to-many). When a model moves to another app with its table kept (Meta.db_table),
`HistoricalRecordsKeptFrom("situations")` keeps its history tables' old names too, so
existing rows stay where they are and no data moves.
"""

from simple_history.models import HistoricalRecords


class HistoricalRecordsKeptFrom(HistoricalRecords):
    """HistoricalRecords whose tables keep the names they had in app `old_app`."""

    def __init__(self, old_app: str, **kwargs):
        super().__init__(**kwargs)
        self.old_app = old_app

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["db_table"] = f"{self.old_app}_historical{model._meta.model_name}"
        return options

    def get_meta_options_m2m(self, through_model):
        options = super().get_meta_options_m2m(through_model)
        options["db_table"] = f"{self.old_app}_{self.get_history_model_name(through_model).lower()}"
        return options
