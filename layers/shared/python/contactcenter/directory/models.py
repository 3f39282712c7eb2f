"""The directory tables.

agents
  - one agent (the Cognito username)     -> GetItem agent_id
  - a department's agents                -> Query index by_department: department_id, agent_id
  - all agents                           -> Query index by_listing: listing="agent", agent_id
departments
  - one department                       -> GetItem department_id
  - all departments (assignment rules)   -> Query index by_listing: listing="department", department_id
"""

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from contactcenter.constants import TABLE_AGENTS, TABLE_DEPARTMENTS
from contactcenter.storage import TableModel, string_list


class Skill(MapAttribute[str, object]):
    name = UnicodeAttribute()
    level = NumberAttribute()  # 1 (basic) .. 5 (expert)


class AgentsByDepartment(GlobalSecondaryIndex["Agent"]):
    class Meta:
        index_name = "by_department"
        projection = AllProjection()

    department_id = UnicodeAttribute(hash_key=True)
    agent_id = UnicodeAttribute(range_key=True)


class AgentsByListing(GlobalSecondaryIndex["Agent"]):
    class Meta:
        index_name = "by_listing"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    agent_id = UnicodeAttribute(range_key=True)


class Agent(TableModel):
    class Meta:
        table_name = TABLE_AGENTS

    agent_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    department_id = UnicodeAttribute()
    skills = ListAttribute[Skill](of=Skill, default=list)
    languages = string_list(default=list)
    email = UnicodeAttribute(null=True)  # where escalation e-mails go (optional)
    capacity = NumberAttribute(default=10)  # open tickets before auto-assignment skips the agent
    available = BooleanAttribute(default=True)
    open_tickets = NumberAttribute(default=0)  # kept by assignment, resolution and closure
    listing = UnicodeAttribute(default="agent")
    # Not a pynamodb VersionAttribute: workload counters change without it; edits check it.
    revision = NumberAttribute(default=1)

    by_department = AgentsByDepartment()
    by_listing = AgentsByListing()


class DepartmentsByListing(GlobalSecondaryIndex["Department"]):
    class Meta:
        index_name = "by_listing"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    department_id = UnicodeAttribute(range_key=True)


class Department(TableModel):
    class Meta:
        table_name = TABLE_DEPARTMENTS

    department_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    categories = string_list(default=list)
    products = string_list(default=list)
    default = BooleanAttribute(default=False)  # receives what no rule matches
    head_agent_id = UnicodeAttribute(null=True)
    listing = UnicodeAttribute(default="department")
    revision = NumberAttribute(default=1)

    by_listing = DepartmentsByListing()
