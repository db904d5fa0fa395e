"""The camera catalogue (资源目录, R4): one record per camera, projects, regions, groups."""
