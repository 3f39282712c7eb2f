"""The configuration of the functions that publish a table's stream to the domain bus."""

from pydantic import Field

from contactcenter.constants import BUS_DOMAIN, Env
from contactcenter.settings import FunctionSettings


class PublisherSettings(FunctionSettings):
    bus_name: str = Field(alias=Env.bus(BUS_DOMAIN))
