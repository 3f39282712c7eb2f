"""The CDK app: stacks, constructs (one per file), configuration, cdk-nag and the layer build.

Only this package (and its tests) imports aws_cdk, constructs and cdk_nag; it reads the
product's resources from ``catalog`` and never imports the local cloud.
"""
