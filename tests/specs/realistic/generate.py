#!/usr/bin/env python3
"""Writes aws-200.json and aws-2000.json: error tables of real AWS error codes,
for the lookup tests (tests/tests/lookup.rs) and the benchmarks (benches/).

    python3 tests/specs/realistic/generate.py

The codes are every distinct error code of the botocore service models
installed with botocore (the shape name, or `error.code` where a model gives
one), plus real EC2 codes, whose model has no error shapes. Statuses and types
follow botocore's rules: `error.httpStatusCode` else 400, Server when `fault`
is set or the status is 5xx. A seeded sample keeps every dotted code, so the
tables mix lengths, `...Exception`, `...Fault`, bare and dotted codes, as real
tables do. The output is committed (made with botocore 1.43.11): a newer
botocore does not change it.
"""

import gzip
import json
import os
import random
from pathlib import Path

import botocore

HERE = Path(__file__).resolve().parent

# Real EC2 error codes (EC2 API reference, "Error codes"); EC2's service model
# lists no error shapes, and these are the dotted codes most tables lack.
EC2 = {
    "InvalidInstanceID.NotFound": 400, "InvalidInstanceID.Malformed": 400,
    "InvalidAMIID.NotFound": 400, "InvalidAMIID.Malformed": 400,
    "InvalidAMIID.Unavailable": 400, "InvalidGroup.NotFound": 400,
    "InvalidGroup.Duplicate": 400, "InvalidGroup.InUse": 400,
    "InvalidGroup.Reserved": 400, "InvalidGroupId.Malformed": 400,
    "InvalidKeyPair.NotFound": 400, "InvalidKeyPair.Duplicate": 400,
    "InvalidKeyPair.Format": 400, "InvalidSubnetID.NotFound": 400,
    "InvalidSubnetID.Malformed": 400, "InvalidVpcID.NotFound": 400,
    "InvalidVpcID.Malformed": 400, "InvalidVolume.NotFound": 400,
    "InvalidVolume.ZoneMismatch": 400, "InvalidVolumeID.Malformed": 400,
    "InvalidSnapshot.NotFound": 400, "InvalidSnapshot.InUse": 400,
    "InvalidSnapshotID.Malformed": 400, "InvalidAllocationID.NotFound": 400,
    "InvalidAssociationID.NotFound": 400, "InvalidAddress.NotFound": 400,
    "InvalidAddressID.NotFound": 400, "InvalidNetworkInterfaceID.NotFound": 400,
    "InvalidNetworkInterfaceID.Malformed": 400, "InvalidRouteTableID.NotFound": 400,
    "InvalidRouteTableID.Malformed": 400, "InvalidInternetGatewayID.NotFound": 400,
    "InvalidNetworkAclID.NotFound": 400, "InvalidPermission.Duplicate": 400,
    "InvalidPermission.NotFound": 400, "InvalidPermission.Malformed": 400,
    "InvalidSecurityGroupID.NotFound": 400, "InvalidVpcPeeringConnectionID.NotFound": 400,
    "InvalidVpcEndpointId.NotFound": 400, "InvalidLaunchTemplateId.NotFound": 400,
    "InvalidPlacementGroup.Unknown": 400, "InvalidPlacementGroup.Duplicate": 400,
    "InvalidReservationID.NotFound": 400, "InvalidSpotInstanceRequestID.NotFound": 400,
    "InvalidSpotFleetRequestId.NotFound": 400, "InvalidDhcpOptionID.NotFound": 400,
    "InvalidCustomerGatewayID.NotFound": 400, "InvalidVpnGatewayID.NotFound": 400,
    "InvalidVpnConnectionID.NotFound": 400, "InvalidNatGatewayID.NotFound": 400,
    "InvalidTransitGatewayID.NotFound": 400, "InvalidCapacityReservationId.NotFound": 400,
    "InvalidFlowLogId.NotFound": 400, "InvalidPrefixListId.NotFound": 400,
    "InvalidZone.NotFound": 400, "InvalidAttachment.NotFound": 400,
    "InvalidGatewayID.NotFound": 400, "InvalidRoute.NotFound": 400,
    "InvalidSubnet.Conflict": 400, "InvalidSubnet.Range": 400,
    "InvalidNetworkInterface.InUse": 400, "Gateway.NotAttached": 400,
    "Resource.AlreadyAssociated": 400, "InvalidInstanceType": 400,
    "InvalidParameterValue": 400, "InvalidParameterCombination": 400,
    "MissingParameter": 400, "UnauthorizedOperation": 400,
    "InsufficientInstanceCapacity": 500, "InstanceLimitExceeded": 400,
    "VcpuLimitExceeded": 400, "VolumeLimitExceeded": 400,
    "AddressLimitExceeded": 400, "VpcLimitExceeded": 400,
    "SecurityGroupLimitExceeded": 400, "RequestLimitExceeded": 503,
    "IncorrectInstanceState": 400, "IncorrectState": 400,
    "DependencyViolation": 400, "OptInRequired": 400, "PendingVerification": 400,
    "InternalError": 500, "Unavailable": 503, "AuthFailure": 401, "Blocked": 400,
    "IdempotentParameterMismatch": 400, "DryRunOperation": 412,
    "NetworkAclEntryAlreadyExists": 400, "RouteAlreadyExists": 400,
    "RulesPerSecurityGroupLimitExceeded": 400, "SnapshotLimitExceeded": 400,
    "MaxSpotInstanceCountExceeded": 400,
}


def botocore_codes():
    data = Path(os.path.dirname(botocore.__file__)) / "data"
    codes = {}
    for model in sorted(data.glob("*/*/service-2.json.gz")):
        shapes = json.load(gzip.open(model))["shapes"]
        for name, shape in sorted(shapes.items()):
            if not shape.get("exception"):
                continue
            error = shape.get("error", {})
            code = error.get("code", name)
            status = error.get("httpStatusCode", 400)
            server = shape.get("fault", False) or status >= 500
            codes.setdefault(code, (status, "Server" if server else "Client"))
    return codes


def table(codes, size, seed):
    dotted = sorted(c for c in codes if "." in c)
    rest = sorted(c for c in codes if "." not in c)
    keep = dotted[: size // 20]
    keep += random.Random(seed).sample(rest, size - len(keep))
    random.Random(seed + 1).shuffle(keep)
    return keep


def write(name, codes, chosen):
    entries = [
        json.dumps({"code": c, "status": codes[c][0], "type": codes[c][1]})
        for c in chosen
    ]
    text = '{"errors": [\n' + ",\n".join(entries) + "\n]}\n"
    (HERE / name).write_text(text)


def main():
    codes = botocore_codes()
    for code, status in EC2.items():
        codes.setdefault(code, (status, "Server" if status >= 500 else "Client"))
    write("aws-200.json", codes, table(codes, 200, 200))
    write("aws-2000.json", codes, table(codes, 2000, 2000))


if __name__ == "__main__":
    main()
