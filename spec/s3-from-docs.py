#!/usr/bin/env python3
"""Writes spec/s3.json, S3's error table, from S3's documented error-code list
as the s3s project crawled it (data/s3_error_codes.json there, Apache-2.0):

    python3 spec/s3-from-docs.py path/to/s3_error_codes.json > spec/s3.json

The list is real data with the docs' quirks, decided here:
- A section heading was crawled as the code `503 SlowDown`, beside the real
  `SlowDown` (503): the heading is dropped.
- `InvalidAddressingHeader` has no status: the docs give none. It is a fault
  of the request ("You must specify the Anonymous role."), so 400.
- Codes repeat across the list's four sections (S3, Replication, Tagging,
  SelectObjectContent) with other descriptions: each code keeps its first
  row, as errtable keeps the first of a code defined in several tables, and
  the other sections' descriptions are appended to its description, so
  nothing is lost.
- The list has no Client/Server column: the type follows the status (5xx is
  Server, the others Client).
- Statuses in the 3xx range (PermanentRedirect 301, TemporaryRedirect 307,
  NotModified 304) are kept: S3 sends them as error responses.
"""

import json
import sys

SECTIONS = ["S3", "Replication", "Tagging", "SelectObjectContent"]


def main():
    data = json.load(open(sys.argv[1]))
    rows = {}
    for section in SECTIONS:
        for entry in data[section]:
            code = entry["code"]
            if code == "503 SlowDown":
                continue
            status = entry["http_status_code"] or 400
            description = " ".join(entry.get("description", "").split())
            if code in rows:
                row = rows[code]
                if row["status"] != status:
                    sys.exit(f"{code}: status {row['status']} and {status}")
                if description and description not in row["description"]:
                    row["description"] += f" ({section}: {description})"
                continue
            rows[code] = {"code": code, "status": status, "description": description}
    entries = [json.dumps(row, ensure_ascii=False) for row in rows.values()]
    print('{"errors": [\n' + ",\n".join(entries) + "\n]}")


if __name__ == "__main__":
    main()
