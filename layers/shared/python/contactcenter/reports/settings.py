"""Configuration of the functions that run reports: Athena's workgroup, the lake's database and
the bucket exports are written to."""

from pydantic import Field

from contactcenter.constants import BUCKET_REPORT_RESULTS, Env
from contactcenter.reports.engines import AthenaEngine
from contactcenter.settings import FunctionSettings


class ReportSettings(FunctionSettings):
    workgroup: str = Field(alias=Env.ATHENA_WORKGROUP, min_length=1)
    database: str = Field(alias=Env.LAKE_DATABASE, min_length=1)
    results_bucket: str = Field(alias=Env.bucket(BUCKET_REPORT_RESULTS), min_length=1)

    def open_engine(self) -> AthenaEngine:
        return AthenaEngine(self.workgroup, self.database)
