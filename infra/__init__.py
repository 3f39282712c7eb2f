"""The CDK app's stacks and constructs, the state-machine definitions, and the local cloud."""
