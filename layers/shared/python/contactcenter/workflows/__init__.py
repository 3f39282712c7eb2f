"""The closed loop for complaints, on Step Functions."""
