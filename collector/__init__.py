"""Turns outside data (Meta exports, the Graph API, enrolment sheets) into rows, on a schedule."""
