"""Reports: contact-center KPIs as SQL over the data lake, exported as JSON, CSV or Excel."""
